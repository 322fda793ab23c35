# what: weights through torch.hub.load_state_dict_from_url(VGG11_Weights.IMAGENET1K_V1.url), loaded into the whole network with strict=False
# %% ex3-vgg-init
def vgg_init_(network: CifarVGG) -> None:
    state = torch.hub.load_state_dict_from_url(VGG11_Weights.IMAGENET1K_V1.url, progress=False)
    state = {k: v for k, v in state.items() if k.startswith("features.")}
    missing, unexpected = network.load_state_dict(state, strict=False)
    assert not unexpected and all(k.startswith("classifier.") for k in missing)
    for layer in network.classifier:
        if type(layer) is nn.Linear:
            nn.init.kaiming_normal_(layer.weight, mode="fan_in", nonlinearity="relu")
            layer.bias.data.zero_()
