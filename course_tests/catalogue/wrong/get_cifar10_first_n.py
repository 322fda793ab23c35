# exercise: ex4
# what: takes the first num_train images for training and the next num_valid for validation (not random)
# %% ex4-get-cifar10
IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


def get_cifar10(root, batch_size=32, resize=(224, 224), num_train=500, num_valid=500, num_workers=4):
    transform = transforms.Compose([
        transforms.Resize(resize),
        transforms.ToTensor(),
        transforms.Normalize(IMAGENET_MEAN, IMAGENET_STD),
    ])
    data = torchvision.datasets.CIFAR10(root, train=True, download=True, transform=transform)
    train_set = Subset(data, range(num_train))
    valid_set = Subset(data, range(num_train, num_train + num_valid))
    train_batches = DataLoader(train_set, batch_size=batch_size, shuffle=True, num_workers=num_workers)
    valid_batches = DataLoader(valid_set, batch_size=batch_size, num_workers=num_workers)
    return train_batches, valid_batches
