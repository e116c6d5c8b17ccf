def configure(host, *, port, timeout=5, retries):
    return host, port, timeout, retries

print(configure("a", port=1, retries=2))
configure("b")
