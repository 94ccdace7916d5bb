// Stands for the real header: check_floors only needs it to exist.
