"""Each app adds its part of the demo: `seed_demo` runs the core, then every registered builder.

A builder takes the demo schools (slug → School) and people (email → User) and must be safe to
run again.
"""

_builders = []


def register(builder):
    _builders.append(builder)
    return builder


def builders():
    return list(_builders)
