# what: global pooling written as x.mean((2, 3)) in forward, classifier built in a loop
# %% ex2-cifar-vgg
class CifarVGG(nn.Module):
    def __init__(self, features: nn.Module, num_classes: int = 10, hidden_layers: int = 2):
        super().__init__()
        self.features = features
        layers = []
        for _ in range(hidden_layers):
            layers += [nn.Linear(512, 512), nn.ReLU(), nn.Dropout(0.5)]
        layers.append(nn.Linear(512, num_classes))
        self.classifier = nn.Sequential(*layers)

    def forward(self, x):
        h = self.features(x)
        h = h.mean((2, 3))
        return self.classifier(h)
