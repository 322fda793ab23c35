# what: freezing with a for-loop over parameters, optimiser over filter(lambda p: p.requires_grad, model.parameters())
# %% ex4-transfer-trainer
def error_rate(logits: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    return (logits.argmax(dim=1) != y).float().mean()


class TransferTrainer:
    def __init__(self, model: CifarVGG):
        self.model = model
        for param in self.model.features.parameters():
            param.requires_grad = False
        trainable = filter(lambda p: p.requires_grad, self.model.parameters())
        self.optimiser = torch.optim.SGD(trainable, lr=1e-3, momentum=0.9, weight_decay=5e-4)
        self.loss = nn.CrossEntropyLoss()

    def train(self, train_batches, valid_batches, num_epochs=1):
        train_errs, valid_errs = [], []
        for _ in range(num_epochs):
            self.model.train()
            self.model.features.train(False)
            errs = []
            device = next(self.model.parameters()).device
            for x, y in train_batches:
                x, y = x.to(device), y.to(device)
                self.optimiser.zero_grad()
                logits = self.model(x)
                self.loss(logits, y).backward()
                self.optimiser.step()
                errs.append(error_rate(logits.detach(), y).item())
            train_errs.append(sum(errs) / len(errs))
            valid = evaluate(self.model, valid_batches, error_rate)
            valid_errs.append(sum(valid) / len(valid))
        return train_errs, valid_errs
