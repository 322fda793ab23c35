# exercise: ex3
# what: isolation: the cell defines nothing
# %% ex3-vgg-init
pass
