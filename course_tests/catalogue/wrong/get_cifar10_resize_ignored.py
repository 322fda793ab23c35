# exercise: ex4
# what: get_cifar10 always resizes to 224x224, ignoring `resize`
# %% ex4-get-cifar10
IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


def get_cifar10(root, batch_size=32, resize=(224, 224), num_train=500, num_valid=500, num_workers=4):
    transform = transforms.Compose([
        transforms.Resize((224, 224)),
        transforms.ToTensor(),
        transforms.Normalize(IMAGENET_MEAN, IMAGENET_STD),
    ])
    data = torchvision.datasets.CIFAR10(root, train=True, download=True, transform=transform)
    idx = torch.randperm(len(data))
    train_set = Subset(data, idx[:num_train].tolist())
    valid_set = Subset(data, idx[num_train:num_train + num_valid].tolist())
    train_batches = DataLoader(train_set, batch_size=batch_size, shuffle=True, num_workers=num_workers)
    valid_batches = DataLoader(valid_set, batch_size=batch_size, num_workers=num_workers)
    return train_batches, valid_batches
