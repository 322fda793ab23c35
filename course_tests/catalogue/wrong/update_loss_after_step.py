# exercise: ex1
# what: update reports each batch's loss recomputed after the optimiser step
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
    with torch.enable_grad():
        for x, y in data:
            x, y = x.to(device), y.to(device)
            opt.zero_grad()
            loss(network(x), y).backward()
            opt.step()
            with torch.no_grad():
                losses.append(loss(network(x), y).item())
    return losses
