# exercise: ex2
# what: isolation: the CifarVGG cell has a syntax error (missing colon)
# %% ex2-cifar-vgg
class CifarVGG(nn.Module):
    def __init__(self, features: nn.Module, num_classes: int = 10)
        super().__init__()
        self.features = features
        self.classifier = nn.Linear(512, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.features(x).mean((2, 3)))
