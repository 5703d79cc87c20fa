"""Prometheus text-format metrics for `GET /metrics`: counters and latency histograms, no deps."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping

Labels = tuple[tuple[str, str], ...]

DEFAULT_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


def _labels(labels: Mapping[str, str] | None) -> Labels:
    return tuple(sorted((labels or {}).items()))


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _render_labels(labels: Labels, extra: Iterable[tuple[str, str]] = ()) -> str:
    pairs = [*labels, *extra]
    if not pairs:
        return ""
    return "{" + ",".join(f'{key}="{_escape(value)}"' for key, value in pairs) + "}"


class Metrics:
    """A small registry. Names are declared once with their help text and type."""

    def __init__(self, buckets: tuple[float, ...] = DEFAULT_BUCKETS) -> None:
        self._lock = threading.Lock()
        self._help: dict[str, tuple[str, str]] = {}
        self._counters: dict[str, dict[Labels, float]] = {}
        self._hist: dict[str, dict[Labels, list[float]]] = {}
        self._gauges: dict[str, dict[Labels, float]] = {}
        self._buckets = buckets

    def counter(self, name: str, help_text: str) -> None:
        with self._lock:
            self._help.setdefault(name, ("counter", help_text))
            self._counters.setdefault(name, {})

    def gauge(self, name: str, help_text: str) -> None:
        with self._lock:
            self._help.setdefault(name, ("gauge", help_text))
            self._gauges.setdefault(name, {})

    def set_gauge(self, name: str, series: Mapping[Labels, float]) -> None:
        """Replace every series of a gauge (a series not given is gone, not left stale)."""
        with self._lock:
            self._gauges[name] = dict(series)

    def histogram(self, name: str, help_text: str) -> None:
        with self._lock:
            self._help.setdefault(name, ("histogram", help_text))
            self._hist.setdefault(name, {})

    def inc(self, name: str, labels: Mapping[str, str] | None = None, by: float = 1.0) -> None:
        with self._lock:
            series = self._counters.setdefault(name, {})
            key = _labels(labels)
            series[key] = series.get(key, 0.0) + by

    def observe(self, name: str, seconds: float, labels: Mapping[str, str] | None = None) -> None:
        with self._lock:
            series = self._hist.setdefault(name, {})
            key = _labels(labels)
            # bucket counts..., then sum, then count
            row = series.setdefault(key, [0.0] * (len(self._buckets) + 2))
            for index, bound in enumerate(self._buckets):
                if seconds <= bound:
                    row[index] += 1
            row[-2] += seconds
            row[-1] += 1

    def value(self, name: str, labels: Mapping[str, str] | None = None) -> float:
        """A counter's current value (tests and the benchmark read it)."""
        with self._lock:
            return self._counters.get(name, {}).get(_labels(labels), 0.0)

    def render(self) -> str:
        lines: list[str] = []
        with self._lock:
            for name, (kind, help_text) in sorted(self._help.items()):
                lines.append(f"# HELP {name} {help_text}")
                lines.append(f"# TYPE {name} {kind}")
                if kind in ("counter", "gauge"):
                    values = (self._counters if kind == "counter" else self._gauges).get(name, {})
                    for labels, value in sorted(values.items()):
                        lines.append(f"{name}{_render_labels(labels)} {value:g}")
                    continue
                for labels, row in sorted(self._hist.get(name, {}).items()):
                    for index, bound in enumerate(self._buckets):
                        extra = (("le", f"{bound:g}"),)
                        lines.append(f"{name}_bucket{_render_labels(labels, extra)} {row[index]:g}")
                    inf = (("le", "+Inf"),)
                    lines.append(f"{name}_bucket{_render_labels(labels, inf)} {row[-1]:g}")
                    lines.append(f"{name}_sum{_render_labels(labels)} {row[-2]:g}")
                    lines.append(f"{name}_count{_render_labels(labels)} {row[-1]:g}")
        return "\n".join(lines) + "\n"


def standard_metrics() -> Metrics:
    """The series every deployment exposes; adapters add their own labels."""
    metrics = Metrics()
    metrics.counter("shonin_http_requests_total", "HTTP requests by route and status")
    metrics.histogram("shonin_http_request_seconds", "HTTP request latency by route")
    metrics.counter("shonin_acks_total", "Chat requests acknowledged, by platform and kind")
    metrics.histogram("shonin_ack_seconds", "Time to acknowledge a chat request, by platform")
    metrics.counter("shonin_decisions_total", "Decisions made, by action and platform")
    metrics.counter("shonin_publish_results_total", "Publish attempts by outcome")
    metrics.histogram("shonin_publish_seconds", "Time to publish one post")
    metrics.gauge("shonin_outbox_pending", "Notifications waiting to be delivered, by platform")
    metrics.gauge(
        "shonin_outbox_oldest_pending_seconds",
        "Age of the oldest notification waiting to be delivered, by platform",
    )
    return metrics
