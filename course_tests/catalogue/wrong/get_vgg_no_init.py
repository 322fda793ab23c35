# exercise: ex4
# what: get_vgg builds the network but never calls vgg_init_
# %% ex4-get-vgg
def get_vgg(num_classes=10, device="cpu") -> CifarVGG:
    model = CifarVGG(make_layers(cfgs["A"]), num_classes=num_classes)
    return model.to(device)
