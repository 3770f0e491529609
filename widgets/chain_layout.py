"""Geometry of the supplier-chain graph (no Qt): layers left to right, a long layer wrapped into
columns like a newspaper, its nodes grouped by segment under the segment's name.

A layer is a block of columns. Each column is a list of group headers and nodes; right of every
node there is room for the labels of its outgoing edges (share, status), and right of that, in a
column that is not the layer's last, the column's *bus*: the vertical line the column's edges run
down to the channel under the block, then right out of the layer, in one bundle per target. The
edges of the last column leave straight from their labels. So no line crosses a node or a label,
and labels sit each in its node's own band: they cannot overlap each other or a node.

:func:`best_rows` picks how many nodes a column holds so that the graph's shape fits the view's
(the largest fitting scale; on a tie, the fewest columns).

Why not a layout library: grandalf (pure Python, on PyPI) lays out a Sugiyama graph, layers and
coordinates, which the panel already has (``panels.layered_layout``); wrapping a layer into a grid
of groups and routing into bundles is the part needed here, and no such library does it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LABEL_PAD = 5  # node edge -> label, label -> bus
BUS_PAD = 10  # bus -> next column; a line entering a column runs 5 px left of it
CHANNEL = 12  # block bottom -> its channel
LINK = 110  # horizontal room for the curves between two layers
HEADER_GAP = 2


@dataclass
class Metrics:
    node_w: float = 150
    row_gap: float = 12
    header_h: float = 16
    min_gap: float = 16  # label room of a column whose nodes have no outgoing labels


@dataclass
class Grid:
    pos: dict[str, tuple[float, float]] = field(default_factory=dict)  # ref -> node's top left
    col_of: dict[str, tuple[int, int]] = field(default_factory=dict)  # ref -> (layer, column)
    col_x: dict[tuple[int, int], float] = field(default_factory=dict)
    bus_x: dict[tuple[int, int], float] = field(default_factory=dict)  # a column's bus (or its labels' end)
    columns: dict[int, int] = field(default_factory=dict)  # layer -> number of columns
    exit_x: dict[int, float] = field(default_factory=dict)  # where the layer's edges leave it
    channel_y: dict[int, float] = field(default_factory=dict)  # the channel under the layer's block
    headers: list[tuple[str, float, float]] = field(default_factory=list)  # (group, x, y)
    width: float = 0.0
    height: float = 0.0


def grid_layout(
    layers: dict[int, list[str]],
    group_of: dict[str, str],
    node_h: dict[str, float],
    label_w: dict[str, float],
    rows: int,
    m: Metrics | None = None,
) -> Grid:
    """Place the nodes: ``layers`` in order (each a list, grouped and ordered already), ``group_of``
    a node's group ("" for none: no header), ``node_h`` its height, ``label_w`` the width its edge
    labels need right of it; a column holds at most ``rows`` nodes."""
    m = m or Metrics()
    g = Grid()
    # 1. each layer's columns: lists of ("h", group) / ("n", ref)
    cols_of: dict[int, list[list[tuple[str, str]]]] = {}
    for lay in sorted(layers):
        cols: list[list[tuple[str, str]]] = [[]]
        count = 0
        prev = None
        for ref in layers[lay]:
            grp = group_of.get(ref, "")
            if count == rows:
                cols.append([])
                count = 0
                prev = None  # a group continued in a new column gets its header again
            if grp and grp != prev:
                cols[-1].append(("h", grp))
            cols[-1].append(("n", ref))
            prev = grp
            count += 1
        cols_of[lay] = cols

    def col_height(col: list[tuple[str, str]]) -> float:
        h = 0.0
        for kind, v in col:
            h += m.header_h + HEADER_GAP if kind == "h" else node_h[v] + m.row_gap
        return h - m.row_gap if col and col[-1][0] == "n" else h

    block_h = {lay: max(col_height(c) for c in cols) for lay, cols in cols_of.items()}
    # a multi-column block needs its channel below it
    full_h = {lay: block_h[lay] + (CHANNEL + 4 if len(cols_of[lay]) > 1 else 0) for lay in cols_of}
    total_h = max(full_h.values()) if full_h else 0.0
    # 2. x: columns left to right, each as wide as a node plus its labels plus (not last) its bus
    x = 0.0
    for lay in sorted(cols_of):
        cols = cols_of[lay]
        g.columns[lay] = len(cols)
        top = (total_h - full_h[lay]) / 2
        for j, col in enumerate(cols):
            g.col_x[(lay, j)] = x
            lw = max([label_w.get(v, 0.0) for k, v in col if k == "n"] + [0.0])
            end = x + m.node_w + (LABEL_PAD + lw + LABEL_PAD if lw else m.min_gap)
            g.bus_x[(lay, j)] = end
            y = top if len(cols) > 1 else (total_h - col_height(col)) / 2
            for kind, v in col:
                if kind == "h":
                    g.headers.append((v, x, y))
                    y += m.header_h + HEADER_GAP
                else:
                    g.pos[v] = (x, y)
                    g.col_of[v] = (lay, j)
                    y += node_h[v] + m.row_gap
            x = end + BUS_PAD if j < len(cols) - 1 else end
        g.exit_x[lay] = x + (LABEL_PAD if len(cols) > 1 else 0)
        g.channel_y[lay] = top + block_h[lay] + CHANNEL
        x = g.exit_x[lay] + LINK
    g.width = x - LINK if cols_of else 0.0
    g.height = total_h
    return g


def best_rows(
    layers: dict[int, list[str]],
    group_of: dict[str, str],
    node_h: dict[str, float],
    label_w: dict[str, float],
    view_w: float,
    view_h: float,
    extra_w: float = 0.0,
    extra_h: float = 0.0,
    min_w: float = 0.0,
    m: Metrics | None = None,
) -> tuple[int, float]:
    """How many nodes a column holds for the graph to fit a ``view_w`` x ``view_h`` view best, and
    that scale (at most 1): the largest scale wins, on a tie the fewest columns. ``extra_*`` is
    what the scene adds around the nodes (margins, the title), ``min_w`` its least width (the title's)."""
    most = max((len(v) for v in layers.values()), default=1)
    best = (most, -1.0)
    for rows in range(most, 0, -1):
        g = grid_layout(layers, group_of, node_h, label_w, rows, m)
        k = min(1.0, view_w / (max(g.width, min_w) + extra_w + 1.0), view_h / (g.height + extra_h + 1.0))
        if k > best[1] + 1e-6:
            best = (rows, k)
    return best
