# exercise: ex4
# what: get_vgg builds the extractor with batch_norm=True (VGG-11-BN layout), which the VGG-11 weights do not fit
# %% ex4-get-vgg
def get_vgg(num_classes=10, device="cpu") -> CifarVGG:
    model = CifarVGG(make_layers(cfgs["A"], batch_norm=True), num_classes)
    vgg_init_(model)
    return model.to(device)
