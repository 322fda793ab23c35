# exercise: ex4
# what: validates only once after all epochs and repeats that number for every epoch
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
        train_errs = []
        for epoch in range(num_epochs):
            self.model.train()
            self.model.features.eval()
            losses = update(self.model, train_batches, self.loss, self.optimiser)
            train_errs.append(sum(losses) / len(losses))
        errs = evaluate(self.model, valid_batches, error_rate)
        valid_errs = [sum(errs) / len(errs)] * num_epochs
        return train_errs, valid_errs
