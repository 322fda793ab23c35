# exercise: ex1
# what: update relies on autograd being on, so it fails when called under torch.no_grad()
# %% ex1-evaluate-update
def evaluate(network, data, metric):
    network.eval()
    device = next(network.parameters()).device
    values = []
    with torch.no_grad():
        for x, y in data:
            x, y = x.to(device), y.to(device)
            values.append(metric(network(x), y).item())
    return values


def update(network, data, loss, opt):
    network.train()
    device = next(network.parameters()).device
    losses = []
    for x, y in data:
        x, y = x.to(device), y.to(device)
        opt.zero_grad()
        l = loss(network(x), y)
        l.backward()
        opt.step()
        losses.append(l.item())
    return losses
