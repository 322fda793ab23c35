# what: subsets with torch.utils.data.random_split, no normalisation constants
# %% ex4-get-cifar10
from torch.utils.data import random_split


def get_cifar10(root, batch_size=32, resize=(224, 224), num_train=500, num_valid=500, num_workers=4):
    tf = transforms.Compose([transforms.ToTensor(), transforms.Resize(resize, antialias=True)])
    full = torchvision.datasets.CIFAR10(root=root, train=True, download=True, transform=tf)
    rest = len(full) - num_train - num_valid
    train_set, valid_set, _ = random_split(full, [num_train, num_valid, rest])
    return (DataLoader(train_set, batch_size=batch_size, shuffle=True, num_workers=num_workers),
            DataLoader(valid_set, batch_size=batch_size, shuffle=False, num_workers=num_workers))
