# exercise: ex1
# what: isolation: the exercise 1 cell has a syntax error (unclosed bracket), so neither evaluate nor update is defined
# %% ex1-evaluate-update
def evaluate(network, data, metric):
    network.eval()
    device = next(network.parameters()).device
    values = []
    with torch.no_grad():
        for x, y in data:
            values.append(metric(network(x.to(device)), y.to(device)).item()
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
