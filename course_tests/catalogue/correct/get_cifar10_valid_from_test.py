# what: validation subset drawn at random from CIFAR-10's test split
# %% ex4-get-cifar10
IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


def get_cifar10(root, batch_size=32, resize=(224, 224), num_train=500, num_valid=500, num_workers=4):
    tf = transforms.Compose([
        transforms.Resize(resize),
        transforms.ToTensor(),
        transforms.Normalize(mean=IMAGENET_MEAN, std=IMAGENET_STD),
    ])
    train_data = torchvision.datasets.CIFAR10(root, train=True, download=True, transform=tf)
    test_data = torchvision.datasets.CIFAR10(root, train=False, download=True, transform=tf)
    train_ids = torch.randperm(len(train_data))[:num_train]
    valid_ids = torch.randperm(len(test_data))[:num_valid]
    train_batches = DataLoader(Subset(train_data, train_ids.tolist()), batch_size, shuffle=True,
                               num_workers=num_workers)
    valid_batches = DataLoader(Subset(test_data, valid_ids.tolist()), batch_size, num_workers=num_workers)
    return train_batches, valid_batches
