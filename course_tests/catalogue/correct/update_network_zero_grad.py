# what: evaluate via a decorator-free loop, update zeroing through network.zero_grad()
# %% ex1-evaluate-update
def evaluate(network, data, metric):
    was_training = network.training
    network.eval()
    params = list(network.parameters())
    device = params[0].device
    results = []
    with torch.no_grad():
        for batch in data:
            x, y = (t.to(device) for t in batch)
            results.append(float(metric(network(x), y).item()))
    return results


@torch.enable_grad()
def update(network, data, loss, opt):
    network.train()
    device = next(iter(network.parameters())).device
    history = []
    for x, y in data:
        x = x.to(device)
        y = y.to(device)
        network.zero_grad()
        value = loss(network(x), y)
        history.append(value.item())
        value.backward()
        opt.step()
    return history
