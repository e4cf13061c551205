"""The room benchmark's parts: the browser protocol, the phones and walls, the servers measured."""
