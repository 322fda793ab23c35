# exercise: ex3
# what: initialises the classifier with normal weights of standard deviation 1.0 (far too large)
# %% ex3-vgg-init
def vgg_init_(network: CifarVGG) -> None:
    state = VGG11_Weights.IMAGENET1K_V1.get_state_dict(progress=True)
    features = {k[len("features."):]: v for k, v in state.items() if k.startswith("features.")}
    network.features.load_state_dict(features)
    for m in network.classifier.modules():
        if isinstance(m, nn.Linear):
            nn.init.normal_(m.weight, mean=0.0, std=1.0)
            nn.init.constant_(m.bias, 0.0)
