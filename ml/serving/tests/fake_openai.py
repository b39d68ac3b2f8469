"""An in-process OpenAI-compatible server (what LiteLLM exposes), speaking the real wire format of
``POST /v1/chat/completions`` and ``POST /v1/embeddings`` and its error shapes, on 127.0.0.1."""

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List, Optional, Sequence

Vector = List[float]


@dataclass
class Reply:
    status: int = 200
    body: Any = None
    delay_s: float = 0.0
    raw: Optional[bytes] = None


@dataclass
class Recorded:
    path: str
    headers: Dict[str, str]
    body: Dict[str, Any]


def completion(content: str, model: str = "tip-generator") -> Dict[str, Any]:
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 120, "completion_tokens": 60, "total_tokens": 180},
    }


def embeddings(vectors: Sequence[Vector], model: str = "embedder") -> Dict[str, Any]:
    return {
        "object": "list",
        "data": [{"object": "embedding", "index": i, "embedding": list(v)} for i, v in enumerate(vectors)],
        "model": model,
        "usage": {"prompt_tokens": 10, "total_tokens": 10},
    }


def openai_error(message: str, error_type: str, code: Optional[str]) -> Dict[str, Any]:
    return {"error": {"message": message, "type": error_type, "param": None, "code": code}}


def distinct_vectors(texts: Sequence[str]) -> List[Vector]:
    """Orthogonal unit vectors: every text unlike every other."""
    return [[1.0 if j == i else 0.0 for j in range(len(texts))] for i in range(len(texts))]


@dataclass
class FakeOpenAI:
    """Answers chat and embeddings with the replies the test sets; records every request."""

    chat: Callable[[Dict[str, Any]], Reply] = lambda body: Reply(body=completion('{"candidates": []}'))
    embed: Callable[[Dict[str, Any]], Reply] = lambda body: Reply(body=embeddings(distinct_vectors(body["input"])))
    requests: List[Recorded] = field(default_factory=list)
    _server: Optional[ThreadingHTTPServer] = None

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "FakeOpenAI":
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length) or b"{}")
                fake.requests.append(Recorded(self.path, dict(self.headers), body))
                if self.path == "/v1/chat/completions":
                    reply = fake.chat(body)
                elif self.path == "/v1/embeddings":
                    reply = fake.embed(body)
                else:
                    reply = Reply(404, openai_error("Not found", "invalid_request_error", None))
                if reply.delay_s:
                    time.sleep(reply.delay_s)
                payload = reply.raw if reply.raw is not None else json.dumps(reply.body).encode("utf-8")
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, format: str, *args: Any) -> None:
                """Silent: the test asserts on what the service logs, not on this server."""

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        self._server = server
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def chat_requests(self) -> List[Recorded]:
        return [r for r in self.requests if r.path == "/v1/chat/completions"]

    def embed_requests(self) -> List[Recorded]:
        return [r for r in self.requests if r.path == "/v1/embeddings"]
