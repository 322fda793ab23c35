# exercise: ex3
# what: initialises the classifier with torch.rand-style uniform weights in [0, 1): not centred on zero
# %% ex3-vgg-init
def vgg_init_(network: CifarVGG) -> None:
    state = VGG11_Weights.IMAGENET1K_V1.get_state_dict(progress=True)
    features = {k[len("features."):]: v for k, v in state.items() if k.startswith("features.")}
    network.features.load_state_dict(features)
    for m in network.classifier.modules():
        if isinstance(m, nn.Linear):
            nn.init.uniform_(m.weight)
            nn.init.zeros_(m.bias)
