# what: the projection takes the raw input x instead of the shared pre-activation; ReLU modules
# %% ex5-pre-res-block
class PreResBlock(nn.Module):
    def __init__(self, in_channels: int, out_channels: int, kernel_size: int = 3, stride: int = 1):
        super().__init__()
        p = (kernel_size - 1) // 2
        self.phi1 = nn.Sequential(nn.BatchNorm2d(in_channels), nn.ReLU(inplace=False))
        self.f1 = nn.Conv2d(in_channels, out_channels, kernel_size, stride, p)
        self.phi2 = nn.Sequential(nn.BatchNorm2d(out_channels), nn.ReLU())
        self.f2 = nn.Conv2d(out_channels, out_channels, kernel_size, 1, p)
        self.proj = None
        if in_channels != out_channels or stride > 1:
            self.proj = nn.Conv2d(in_channels, out_channels, kernel_size=1, stride=stride)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.f2(self.phi2(self.f1(self.phi1(x))))
        skip = x if self.proj is None else self.proj(x)
        return h + skip
