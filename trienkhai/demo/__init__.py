"""The demo at the top layer: the order in which each app's `demo.load(ctx)` runs
(`load_demo`) and the city-scale generator (`make_city_demo`), which write many
apps' rows and so may import them all."""
