# exercise: ex4
# what: puts the whole model in train mode, so BatchNorm statistics of the frozen extractor drift
# %% ex4-transfer-trainer
def error_rate(logits: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    return (logits.argmax(dim=1) != y).float().mean()


class TransferTrainer:
    def __init__(self, model: CifarVGG):
        self.model = model
        for p in model.features.parameters():
            p.requires_grad = False
        self.optimiser = torch.optim.SGD(model.classifier.parameters(), lr=0.01, momentum=0.9)
        self.loss = nn.CrossEntropyLoss()

    def train(self, train_batches, valid_batches, num_epochs=1):
        device = next(self.model.parameters()).device
        train_errs, valid_errs = [], []
        for epoch in range(num_epochs):
            self.model.train()
            losses = []
            for x, y in train_batches:
                x, y = x.to(device), y.to(device)
                self.optimiser.zero_grad()
                loss = self.loss(self.model(x), y)
                loss.backward()
                self.optimiser.step()
                losses.append(loss.item())
            train_errs.append(sum(losses) / len(losses))
            errs = evaluate(self.model, valid_batches, error_rate)
            valid_errs.append(sum(errs) / len(errs))
        return train_errs, valid_errs
