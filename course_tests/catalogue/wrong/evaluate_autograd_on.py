# exercise: ex1
# what: evaluate runs the network with autograd recording (no torch.no_grad)
# %% ex1-evaluate-update
def evaluate(network, data, metric):
    network.eval()
    device = next(network.parameters()).device
    values = []
    for x, y in data:
        x, y = x.to(device), y.to(device)
        logits = network(x)
        values.append(metric(logits, y).item())
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
