# exercise: ex3
# what: loads the extractor weights but never initialises the classifier
# %% ex3-vgg-init
def vgg_init_(network: CifarVGG) -> None:
    state = VGG11_Weights.IMAGENET1K_V1.get_state_dict(progress=True)
    features = {k.removeprefix("features."): v for k, v in state.items() if k.startswith("features.")}
    network.features.load_state_dict(features)
