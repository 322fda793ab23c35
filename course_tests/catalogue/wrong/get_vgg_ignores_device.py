# exercise: ex4
# what: get_vgg never moves the network to `device`
# %% ex4-get-vgg
def get_vgg(num_classes=10, device="cpu") -> CifarVGG:
    model = CifarVGG(make_layers(cfgs["A"]), num_classes=num_classes)
    vgg_init_(model)
    return model
