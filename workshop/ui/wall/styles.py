"""The wall's styles: one 1920×1080 canvas, scaled in steps to the screen it is on.

A projector cannot scroll, so the wall is laid out once for 1920×1080 and zoomed (CSS ``zoom``
in steps, :func:`_scale_css`): 1280×720 shows the same picture at two thirds.
"""

from __future__ import annotations

import itertools

#: Zoom steps of the 1920×1080 canvas, largest first (see _scale_css).
_STEPS = (
    2.0, 1.5, 4 / 3, 1.0, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7111, 2 / 3, 0.6, 0.55, 0.5, 0.45, 0.4,
)  # fmt: skip


def _scale_css() -> str:
    """Media queries that zoom the canvas to the largest step fitting the viewport.

    Below 1920×1080 a step applies while the viewport is smaller than the next larger step's
    canvas; above it a step applies once the viewport holds its whole canvas.
    """
    rules = []
    for larger, step in itertools.pairwise(_STEPS):
        if step >= 1.0:
            query = f"(min-width: {1920 * larger:.2f}px) and (min-height: {1080 * larger:.2f}px)"
            zoom = larger
        else:
            width, height = 1920 * larger - 0.02, 1080 * larger - 0.02
            query = f"(max-width: {width:.2f}px), (max-height: {height:.2f}px)"
            zoom = step
        rules.append(
            f"@media {query} {{{_CANVAS} {{zoom: {zoom:.4f};}} "
            f"{_CHART} {{width: {100 / zoom:.3f}% !important; max-width: none;}}}}"
        )
    # Upscaling rules first, from the smallest up, so the largest fitting one wins.
    up = [r for r in rules if r.startswith("@media (min")][::-1]
    down = [r for r in rules if r.startswith("@media (max")]
    return "\n".join(up + down)


_CANVAS = '[data-testid="stMainBlockContainer"]'
_CHART = '.st-key-wall_panels [data-testid="stVegaLiteChart"]'

STYLE = (
    """
<style>
/* The wall is one 1920×1080 canvas, zoomed to the screen (see the module docstring). */
[data-testid="stHeader"] {display: none;}
[data-testid="stMainBlockContainer"] {padding: 1rem 2.2rem .6rem 2.2rem; max-width: none;}
[data-testid="stMain"] {overflow: hidden;}
.wall-head {display: grid; grid-template-columns: minmax(0, 1fr) auto auto; gap: 2rem;
  align-items: center;}
.wall-head.hero {grid-template-columns: minmax(0, 1fr) auto; align-items: center;}
.wall-title {font-size: 2.3rem; font-weight: 700; line-height: 1.15; margin: 0;
  overflow: hidden; text-overflow: ellipsis; white-space: nowrap;}
.wall-phase {font-size: 1.6rem; font-weight: 600; color: #0b5cad; margin: .15rem 0 0 0;}
.wall-prompt {font-size: 1.35rem; line-height: 1.35; margin: .3rem 0 0 0;}
.wall-counts {display: flex; gap: .4rem 1.8rem; margin-top: .6rem; flex-wrap: wrap;}
.wall-count {display: flex; align-items: baseline; gap: .45rem;}
.wall-count .value {font-size: 2.4rem; font-weight: 700; line-height: 1.05;}
.wall-count .label {font-size: 1.15rem; color: #3b4a58;}
.wall-join {text-align: center; max-width: 22rem;}
.wall-join-title {font-size: 1.3rem; font-weight: 600; margin: 0;}
.wall-code {font-size: 3.4rem; font-weight: 800; letter-spacing: .3rem; line-height: 1.1;
  font-family: "Source Code Pro", ui-monospace, monospace; margin: 0;}
.wall-url {font-size: 1rem; margin: 0; overflow-wrap: anywhere; color: #3b4a58;}
.wall-qr img {display: block; width: 11rem; height: 11rem;}
.hero .wall-qr img {width: 34rem; height: 34rem;}
.welcome .wall-qr img {width: 17rem; height: 17rem;}
.welcome .wall-code {font-size: 4.4rem;}
.hero .wall-join {max-width: none; text-align: left;}
.hero .wall-code {font-size: 6rem;}
.hero .wall-join-title {font-size: 2rem;}
.hero .wall-url {font-size: 1.5rem;}
.hero-side {display: flex; flex-direction: column; gap: 2rem;}
.wall-lines {font-size: 1.3rem; line-height: 1.35; margin: 0; padding-left: 1.3rem;}
.wall-lines li {margin-bottom: .2rem;}
.wall-note {font-size: 1.3rem; line-height: 1.4; margin: 0; color: #3b4a58;}
.wall-subhead {font-size: 1.6rem; font-weight: 700; margin: 0;}
.wall-subhead .aside {font-size: 1.1rem; font-weight: 400; color: #3b4a58; margin-left: .6rem;
  display: inline-block; line-height: 1.3;}  /* wraps as one block, not at the heading's height */
.wall-headline {font-size: 1.6rem; font-weight: 600; line-height: 1.3; margin: 0;}
.wall-notice {font-size: 1.6rem; line-height: 1.4; margin: .5rem 0; padding: 1.2rem 1.5rem;
  border-radius: .5rem; background: rgba(0, 114, 178, .09); color: #0b3d66;}
.wall-cards {display: grid; grid-template-columns: 1fr 1fr; gap: 1rem 1.4rem;}
.wall-card {font-size: 1.35rem; line-height: 1.35; padding: .7rem 1rem; border-radius: .5rem;
  background: rgba(0, 114, 178, .07); border-left: .4rem solid #0072B2;}
.wall-card.question {border-left-color: #E69F00; background: rgba(230, 159, 0, .08);}
.wall-card.comment {border-left-color: #009E73; background: rgba(0, 158, 115, .07);}
.wall-card .meta {font-size: 1.05rem; color: #3b4a58; display: flex; gap: 1rem;
  justify-content: space-between; margin-bottom: .2rem;}
.wall-card .meta b {color: #14212e;}
.wall-card .text {white-space: pre-wrap; overflow-wrap: anywhere; display: -webkit-box;
  -webkit-line-clamp: 4; -webkit-box-orient: vertical; overflow: hidden;}
.wall-context {display: grid; grid-template-columns: minmax(0, 1.3fr) minmax(0, 1fr) auto;
  gap: .9rem 2rem; align-items: center; font-size: 1.35rem;}
.wall-context .name {font-weight: 600; line-height: 1.25;}
.wall-context .default {font-weight: 400; font-size: 1.05rem; color: #3b4a58;}
.wall-context .value {font-weight: 700; font-size: 1.6rem; text-align: right;
  white-space: nowrap;}
.wall-gauge {position: relative; height: .7rem; border-radius: .35rem; background: #dfe6ee;}
.wall-gauge .fill {position: absolute; left: 0; top: 0; bottom: 0; border-radius: .35rem;
  background: #0072B2;}
/* Issue 16: where a concern stands, the facilitator's answer. */
.wall-card.wall-concern .meta {justify-content: flex-start;}
.wall-card.wall-concern .meta > span:last-child {margin-left: auto;}
.wall-card .meta .status {font-weight: 600; padding: 0 .5rem; border-radius: .3rem;
  background: #e4ebf2; color: #14212e;}
.wall-card .meta .status.answered {background: #d6eee4; color: #0c4a36;}
.wall-card .meta .status.parked {background: #f6e7c8; color: #5c3d00;}
.wall-card .meta .status.out_of_scope {background: #e6e6e6; color: #333;}
.wall-card.answered, .wall-card.out_of_scope {background: rgba(0, 0, 0, .035);
  border-left-color: #8a99a8;}
.wall-card .text.short {-webkit-line-clamp: 2;}
.wall-card .about {font-size: 1.05rem; color: #3b4a58; margin-bottom: .1rem;}
.wall-card .answer {font-size: 1.2rem; line-height: 1.3; margin-top: .3rem; padding-top: .3rem;
  border-top: 1px solid rgba(0, 0, 0, .12); color: #0c4a36; overflow-wrap: anywhere;
  display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden;}
/* The resistance round: both ranks side by side; what would lower the resistance. */
.wall-ranks {border-collapse: collapse; font-size: 1.3rem; width: 100%;}
.wall-ranks th {text-align: left; font-weight: 600; color: #3b4a58; font-size: 1.1rem;
  padding: 0 .8rem .3rem 0; border-bottom: 2px solid #c5d0db;}
.wall-ranks td {padding: .22rem .8rem .22rem 0; border-bottom: 1px solid #e1e7ee;
  line-height: 1.2;}
.wall-ranks td + td, .wall-ranks th + th {text-align: right; white-space: nowrap;
  font-weight: 700;}
.wall-groups {display: grid; grid-template-columns: 1fr 1fr; gap: 1rem 1.4rem;}
.wall-group {display: flex; flex-direction: column; gap: .5rem;}
.wall-group .name {font-size: 1.4rem; font-weight: 700; margin: 0;}
.wall-group .wall-card {font-size: 1.25rem; padding: .45rem .8rem;}
.wall-group .wall-card .text {-webkit-line-clamp: 2;}
/* "What changes for me": roles as columns, aspects as rows. */
.wall-spotlight {display: grid; gap: .5rem .9rem; font-size: 1.3rem; line-height: 1.3;}
.wall-spotlight.all {font-size: 1.1rem; gap: .35rem .8rem;}
.wall-spotlight .role {font-weight: 700; font-size: 1.35rem; line-height: 1.2;
  border-bottom: .2rem solid #0072B2; padding-bottom: .25rem;}
.wall-spotlight .aspect {font-weight: 700; color: #0b3d66;}
.wall-spotlight .cell {padding: .4rem .6rem; border-radius: .4rem;
  background: rgba(0, 114, 178, .06); overflow-wrap: anywhere;}
/* The pilot the group agreed on. */
.wall-pilot {display: grid; grid-template-columns: auto minmax(0, 1fr); gap: .8rem 2.2rem;
  align-items: baseline; font-size: 1.6rem; line-height: 1.3; margin-top: .6rem;}
.wall-pilot .label {color: #3b4a58; font-size: 1.35rem;}
.wall-pilot .value {font-weight: 600; overflow-wrap: anywhere;}
.wall-pilot .value.option {font-size: 2.2rem; font-weight: 700; color: #0b3d66;}
/* The earlier workshop's top places beside the new round's (a re-imported session). */
.wall-earlier {padding: .4rem 1rem; border-radius: .5rem; background: rgba(0, 114, 178, .07);
  border-left: .4rem solid #56B4E9;}
.wall-earlier p {margin: 0; font-size: 1.3rem; line-height: 1.3; overflow-wrap: anywhere;}
.wall-earlier .leader {font-size: 1.4rem; font-weight: 700; color: #0b3d66;}
.wall-earlier .lead {color: #3b4a58;}
.wall-earlier.column {padding: 0; background: none; border-left: none; display: flex;
  flex-direction: column; gap: .7rem;}
.wall-earlier .places {list-style: none; margin: 0; padding: .5rem 0 .5rem 1rem;
  border-left: .4rem solid #56B4E9; font-size: 1.35rem; line-height: 1.3;
  overflow-wrap: anywhere;}
.wall-earlier .places li {margin-bottom: .45rem;}
.wall-earlier .places li:last-child {margin-bottom: 0;}
.wall-earlier.column .counts {color: #3b4a58;}
.wall-earlier .wall-subhead {font-size: 1.6rem; line-height: 1.25;}
.wall-earlier.column .leader {padding: .5rem .8rem; border-radius: .5rem;
  background: rgba(0, 114, 178, .09);}
.wall-pager {display: flex; gap: .4rem 1.4rem; flex-wrap: wrap; font-size: 1.05rem;
  color: #3b4a58; padding-right: 16rem;}
.wall-pager .on {color: #0b3d66; font-weight: 700; border-bottom: .2rem solid #0b5cad;}
/* The panels share one grid cell: the tallest decides the height, one shows at a time. */
.st-key-wall_panels {display: grid; grid-template-columns: minmax(0, 1fr);}
.st-key-wall_panels > div {grid-area: 1 / 1; min-width: 0; width: 100%;}
/* Streamlit sizes a chart to its element's width on the screen, which the zoom shrinks; the
   zoom's rules widen the element by as much (see _scale_css), the overflow is empty. */
.st-key-wall_panels [data-testid="stElementContainer"]:has(> [data-testid="stVegaLiteChart"])
  {overflow: hidden;}
.st-key-wall_panels [data-testid="stVerticalBlock"] {gap: .6rem;}
.st-key-wall_lang_box {position: fixed; right: 1rem; bottom: .4rem; width: auto !important;
  z-index: 5;}
[data-testid="stCaptionContainer"] {font-size: 1.05rem;}
[data-testid="stButtonGroup"] button p {font-size: 1rem;}
</style>
"""
    + f"<style>{_scale_css()}</style>"
)
