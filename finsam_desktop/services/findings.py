"""What ``finsam check`` reports: one finding per problem, with the area that found it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    area: str
    message: str

    def __str__(self) -> str:
        return f"[{self.area}] {self.message}"
