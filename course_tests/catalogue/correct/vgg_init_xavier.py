# what: extractor weights copied tensor by tensor, Xavier initialisation of the head
# %% ex3-vgg-init
def vgg_init_(network: CifarVGG) -> None:
    weights = VGG11_Weights.IMAGENET1K_V1
    state = weights.get_state_dict(progress=False)
    with torch.no_grad():
        for name, tensor in network.features.state_dict().items():
            tensor.copy_(state["features." + name])
    for module in network.classifier.modules():
        if isinstance(module, nn.Linear):
            nn.init.xavier_uniform_(module.weight)
            nn.init.zeros_(module.bias)
