# what: weights through torchvision.models.vgg11(weights=...).features.state_dict(), Kaiming uniform head
# %% ex3-vgg-init
def vgg_init_(network: CifarVGG) -> None:
    pretrained = torchvision.models.vgg11(weights=VGG11_Weights.IMAGENET1K_V1)
    network.features.load_state_dict(pretrained.features.state_dict())
    del pretrained
    for layer in network.classifier.modules():
        if isinstance(layer, nn.Linear):
            nn.init.kaiming_uniform_(layer.weight, nonlinearity="relu")
            nn.init.constant_(layer.bias, 0)
