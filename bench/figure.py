"""One printed figure: `name: value unit`."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    unit: str = ""
    digits: int = 1

    def __str__(self):
        return f"{self.name}: {self.value:.{self.digits}f} {self.unit}".rstrip()
