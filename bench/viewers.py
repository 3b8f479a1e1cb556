"""Simulated viewers: Streamlit's own websocket protocol, as the browser speaks it.

A Viewer opens `/_stcore/stream`, asks for a script run (`BackMsg.rerun_script`, with widget
states when a filter changes) and reads the ForwardMsgs until the run has finished, noting
when the last chart arrived, and any exception or warning the page drew. No browser runs,
so the machine's cores are left to the server.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect
from websockets.typing import Origin, Subprotocol

FINISHED = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR)


@dataclass
class Run:
    """What one script run sent: seconds to its last chart and to its end, the longest wait
    for a message within it, and what it drew."""

    last_chart: float | None = None
    finished: float = 0.0
    silence: float = 0.0
    charts: int = 0
    errors: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    widgets: dict[str, object] = field(default_factory=dict)


class Viewer:
    """One browser tab's session on one page, driven through the websocket protocol."""

    def __init__(self, url: str, page: str = ""):
        self.url = url.replace("http://", "ws://") + "/_stcore/stream"
        self.page = page  # the page's URL path ("" the default page)
        self.origin = url
        self.socket = None
        self.widgets: dict[str, object] = {}

    async def open(self) -> Run:
        """Connect (a new session) and run the default page; return the run."""
        self.socket = await connect(self.url, origin=Origin(self.origin),
                                    subprotocols=[Subprotocol("streamlit")], max_size=None,
                                    ping_interval=None)
        return await self.run()

    async def run(self, changes: dict[str, list[str]] | None = None) -> Run:
        """Rerun the page; `changes` maps a widget key to the options now chosen."""
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = ""
        state.page_script_hash = ""
        state.page_name = self.page
        for key, values in (changes or {}).items():
            widget = state.widget_states.widgets.add()
            widget.id = self.widgets[key].id
            widget.string_array_value.data.extend(values)
        start = time.perf_counter()
        await self.socket.send(msg.SerializeToString())
        return await self._read(start)

    async def _read(self, start: float) -> Run:
        run, last = Run(), start
        while True:
            message = ForwardMsg()
            message.ParseFromString(await self.socket.recv())
            now = time.perf_counter()
            run.silence, last = max(run.silence, now - last), now
            kind = message.WhichOneof("type")
            if kind == "delta":
                self._element(message.delta, run, time.perf_counter() - start)
            elif kind == "script_finished" and message.script_finished in FINISHED:
                run.finished = time.perf_counter() - start
                return run

    def _element(self, delta, run: Run, seconds: float) -> None:
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind == "plotly_chart":
            run.charts += 1
            run.last_chart = seconds
        elif kind == "exception":
            run.errors.append(f"{element.exception.type}: {element.exception.message}")
        elif kind == "alert" and element.alert.format == element.alert.WARNING:
            run.errors.append(element.alert.body)
        elif kind in ("markdown", "heading", "alert"):
            run.texts.append(getattr(element, kind).body)
        widget = getattr(element, kind, None)
        if kind in ("multiselect", "selectbox") and "-" in widget.id:
            name = widget.id.rsplit("-", 1)[-1]
            self.widgets[name] = widget
            run.widgets[name] = widget

    async def close(self) -> None:
        """Close the websocket (the server ends the session)."""
        if self.socket is not None:
            await self.socket.close()
