# what: get_vgg takes the extractor of an untrained torchvision vgg11() and moves with torch.device
# %% ex4-get-vgg
def get_vgg(num_classes=10, device="cpu") -> CifarVGG:
    extractor = torchvision.models.vgg11(weights=None).features
    net = CifarVGG(extractor, num_classes=num_classes)
    vgg_init_(net)
    net.to(torch.device(device))
    return net
