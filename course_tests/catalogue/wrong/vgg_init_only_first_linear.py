# exercise: ex3
# what: initialises only the first linear layer of the classifier (classifier[0])
# %% ex3-vgg-init
def vgg_init_(network: CifarVGG) -> None:
    state = VGG11_Weights.IMAGENET1K_V1.get_state_dict(progress=True)
    features = {k[len("features."):]: v for k, v in state.items() if k.startswith("features.")}
    network.features.load_state_dict(features)
    nn.init.kaiming_normal_(network.classifier[0].weight)
    nn.init.zeros_(network.classifier[0].bias)
