# what: evaluate under torch.inference_mode, update with zero_grad(set_to_none=True)
# %% ex1-evaluate-update
@torch.inference_mode()
def evaluate(network, data, metric):
    network.eval()
    dev = next(network.parameters()).device
    return [metric(network(x.to(dev)), y.to(dev)).item() for x, y in data]


def update(network, data, loss, opt):
    network.train()
    dev = next(network.parameters()).device
    losses = []
    with torch.set_grad_enabled(True):
        for x, y in data:
            opt.zero_grad(set_to_none=True)
            out = network(x.to(dev))
            l = loss(out, y.to(dev))
            l.backward()
            opt.step()
            losses.append(float(l))
    return losses
