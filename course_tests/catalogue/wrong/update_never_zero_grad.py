# exercise: ex1
# what: update never zeroes the gradients, so they accumulate over batches
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
            losses.append(l.item())
    return losses
