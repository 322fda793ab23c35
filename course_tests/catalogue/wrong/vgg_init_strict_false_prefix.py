# exercise: ex3
# what: loads the full checkpoint (features.* keys) into network.features with strict=False: nothing is loaded, no error
# %% ex3-vgg-init
def vgg_init_(network: CifarVGG) -> None:
    state = VGG11_Weights.IMAGENET1K_V1.get_state_dict(progress=True)
    # strict=False because the checkpoint also has the ImageNet classifier
    network.features.load_state_dict(state, strict=False)
    for m in network.classifier.modules():
        if isinstance(m, nn.Linear):
            nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
            nn.init.zeros_(m.bias)
