# what: F.adaptive_avg_pool2d and a one-layer head Linear(512, num_classes)
# %% ex2-cifar-vgg
import torch.nn.functional as F


class CifarVGG(nn.Module):
    def __init__(self, features, num_classes=10):
        super().__init__()
        self.features = features
        self.classifier = nn.Linear(512, num_classes)

    def forward(self, x):
        x = F.adaptive_avg_pool2d(self.features(x), output_size=1)
        return self.classifier(x.squeeze(-1).squeeze(-1))
