# exercise: ex4
# what: isolation: the trainer cell raises NameError when it runs (a leftover line using an undefined name)
# %% ex4-transfer-trainer
def error_rate(logits: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    return (logits.argmax(dim=1) != y).float().mean()


trainer_test = TransferTrainer(get_vgg())


class TransferTrainer:
    def __init__(self, model: CifarVGG):
        self.model = model
        model.features.requires_grad_(False)
        self.optimiser = torch.optim.SGD(model.classifier.parameters(), lr=0.01, momentum=0.9)
        self.loss = nn.CrossEntropyLoss()

    def train(self, train_batches, valid_batches, num_epochs=1):
        train_errs, valid_errs = [], []
        for _ in range(num_epochs):
            self.model.train()
            self.model.features.eval()
            losses = update(self.model, train_batches, self.loss, self.optimiser)
            train_errs.append(sum(losses) / len(losses))
            errs = evaluate(self.model, valid_batches, error_rate)
            valid_errs.append(sum(errs) / len(errs))
        return train_errs, valid_errs
