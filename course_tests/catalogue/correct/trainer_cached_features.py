# what: computes features under no_grad with the extractor in eval mode, trains the head on them separately
# %% ex4-transfer-trainer
def error_rate(logits: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    return (logits.argmax(dim=1) != y).float().mean()


class TransferTrainer:
    def __init__(self, model: CifarVGG):
        self.model = model
        self.model.features.requires_grad_(False)
        self.optimiser = torch.optim.SGD(self.model.classifier.parameters(), lr=0.05)
        self.loss = nn.CrossEntropyLoss()

    def train(self, train_batches, valid_batches, num_epochs=1):
        device = next(self.model.classifier.parameters()).device
        train_errs, valid_errs = [], []
        for _ in range(num_epochs):
            self.model.features.eval()
            self.model.classifier.train()
            total = 0.0
            count = 0
            for x, y in train_batches:
                x, y = x.to(device), y.to(device)
                with torch.no_grad():
                    feats = self.model.features(x).mean(dim=(2, 3))
                logits = self.model.classifier(feats)
                loss = self.loss(logits, y)
                self.optimiser.zero_grad()
                loss.backward()
                self.optimiser.step()
                total += loss.item() * len(y)
                count += len(y)
            train_errs.append(total / count)
            valid_errs.append(sum(evaluate(self.model, valid_batches, error_rate)) / len(valid_batches))
        return train_errs, valid_errs
