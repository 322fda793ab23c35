# exercise: ex1
# what: update zeroes the gradients after the step, so the first step uses stale gradients
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
            l = loss(network(x), y)
            l.backward()
            opt.step()
            opt.zero_grad()
            losses.append(l.item())
    return losses
