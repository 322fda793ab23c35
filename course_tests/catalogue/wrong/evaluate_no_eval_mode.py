# exercise: ex1
# what: evaluate never switches the network to eval mode
# %% ex1-evaluate-update
def evaluate(network, data, metric):
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
    with torch.enable_grad():
        for x, y in data:
            x, y = x.to(device), y.to(device)
            opt.zero_grad()
            l = loss(network(x), y)
            l.backward()
            opt.step()
            losses.append(l.item())
    return losses
