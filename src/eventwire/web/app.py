"""FastAPI app: read endpoints over the store, a token-protected write endpoint that codes
articles, and the offline dashboard (every asset served from the package; no CDN)."""

import asyncio
import datetime as dt
import json
import secrets
import time
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.openapi.utils import get_openapi
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field, ValidationError

from eventwire import query as q
from eventwire import served
from eventwire.errors import EventwireError, InputError, ModelNotFoundError
from eventwire.ingest.checks import check_text, check_unicode, parse_date
from eventwire.model import Article, article_id
from eventwire.store import Store
from eventwire.web.cache import CacheMiddleware, ResponseCache
from eventwire.web.coder import Coder, CoderUnavailable
from eventwire.web.security import SecurityHeaders

MAX_BODY = 2_000_000  # bytes of a POST body
MAX_BATCH = 100  # articles per POST
MAX_OFFSET = 1_000_000_000  # rows skipped by a page; past any store this tool serves

# Every answer: no framing, no sniffing, no referrer, and only this origin's scripts. The API docs
# page runs Swagger UI's one inline start-up script, so it alone may run inline scripts.
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; "
        "form-action 'self'"
    ),
}
DOCS_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'"
)


class ArticleIn(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_BODY)
    id: str | None = Field(default=None, max_length=200)
    title: str | None = Field(default=None, max_length=1000)
    url: str | None = Field(default=None, max_length=2000)
    published: str | None = Field(default=None, max_length=40, description="YYYY-MM-DD")
    source: str | None = Field(default=None, max_length=200)


class Problem(BaseModel):
    """Every error answer: what was wrong, naming the field or input."""

    detail: str


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    text = {
        400: "the body is not JSON, or not an article", 401: "no or a wrong bearer token",
        404: "no such event", 413: "the body is over the size limit",
        422: "a parameter or field is not valid (the message names it)",
        503: "the coder is starting or stopped: send again after Retry-After seconds",
    }  # fmt: skip
    return {c: {"model": Problem, "description": text[c]} for c in codes}


_ARTICLE_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "oneOf": [
                        {"$ref": "#/components/schemas/ArticleIn"},
                        {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/ArticleIn"},
                            "minItems": 1,
                            "maxItems": MAX_BATCH,
                        },
                    ]
                }
            }
        },
    }
}

_SHAPES = {"dyad": "two country codes, e.g. IRN,PAK", "bbox": "lon0,lat0,lon1,lat1 (numbers)"}
_DYAD = r"^[^,]+,[^,]+$"
_NUMBER = r"-?(\d+(\.\d*)?|\.\d+)"
_BBOX = rf"^\s*{_NUMBER}\s*(,\s*{_NUMBER}\s*){{3}}$"


def _static_dir() -> Path:
    return Path(str(resources.files("eventwire.web").joinpath("static")))


def create_app(
    db: str | Path,
    token: str | None = None,
    window_days: int = 1,
    cache_mb: float = 64,
    coders: int = 1,
    address: tuple[str, int] | None = None,
) -> FastAPI:
    """The app over one database file. ``token`` guards POST /api/articles (a random one is made
    when none is given; it is on ``app.state.token``). ``cache_mb`` bounds the answers kept until
    the next write (0: none); ``coders`` is the number of processes coding POSTed articles.
    ``address`` (host, port), when given, is recorded beside the database while the app runs, so
    that other eventwire processes read the file through this server (see :mod:`eventwire.served`)."""
    store = Store(db, window_days=window_days, persistent=True)
    # one thread writes (DuckDB has one writer; one thread also keeps the batches in order)
    writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="eventwire-writer")
    cache = ResponseCache(int(cache_mb * 1024 * 1024))
    coder = Coder(coders)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        coder.start()
        writer.submit(store.warm)
        if address is not None:
            served.announce(db, *address)
        try:
            yield
        finally:
            if address is not None:
                served.withdraw(db)
            coder.close()
            writer.shutdown(wait=True)

    app = FastAPI(
        title="eventwire",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
        description="Coded political events with their evidence.",
        lifespan=lifespan,
    )
    app.add_middleware(CacheMiddleware, cache=cache)
    # outermost: answers from the cache and error answers get the headers too
    app.add_middleware(
        SecurityHeaders,
        headers=SECURITY_HEADERS,
        overrides={"/docs": {"Content-Security-Policy": DOCS_CSP}},
    )
    app.state.token = token or secrets.token_urlsafe(24)
    app.state.store = store
    app.state.cache = cache
    app.state.coder = coder

    def cursor() -> Any:
        cur = store.con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    Cur = Annotated[Any, Depends(cursor)]

    def filters(
        actor: str | None = None, country: str | None = None, source: str | None = None,
        target: str | None = None, dyad: str | None = Query(None, description="IRN,PAK", pattern=_DYAD),
        plover: str | None = None, cameo_root: str | None = None,
        quad_class: int | None = Query(None, ge=1, le=4),
        date_from: dt.date | None = None, date_to: dt.date | None = None,
        location: str | None = None, bbox: str | None = Query(None, description="lon0,lat0,lon1,lat1", pattern=_BBOX),
        text: str | None = Query(None, max_length=200), historical: bool | None = None,
        sort: str = Query("date", pattern="^(date|date_asc|mentions|goldstein)$"),
        limit: int = Query(50, ge=1, le=1000), offset: int = Query(0, ge=0, le=MAX_OFFSET),
    ) -> q.Filters:  # fmt: skip
        pair = None
        if dyad:
            parts = dyad.split(",")
            if len(parts) != 2:
                raise HTTPException(422, "dyad: give two country codes, e.g. IRN,PAK")
            pair = (parts[0], parts[1])
        box = None
        if bbox:
            try:
                x0, y0, x1, y1 = (float(v) for v in bbox.split(","))
            except ValueError as exc:
                raise HTTPException(422, "bbox: give lon0,lat0,lon1,lat1") from exc
            box = (x0, y0, x1, y1)
        return q.Filters(
            actor=actor, country=country, source=source, target=target, dyad=pair, plover=plover,
            cameo_root=cameo_root, quad_class=quad_class, date_from=date_from, date_to=date_to,
            location=location, bbox=box, text=text, historical=historical, sort=sort,
            limit=limit, offset=offset,
        )  # fmt: skip

    F = Annotated[q.Filters, Depends(filters)]

    @app.get("/api/events", responses=_errors(422))
    def list_events(cur: Cur, f: F) -> Response:
        """Events matching the filters, sorted and paged, with the total count."""
        # the stored records are JSON already: they are passed through, not parsed and re-encoded
        rows, total = q.page_with_total(cur, f)
        head = f'{{"total": {total}, "limit": {f.limit}, "offset": {f.offset}, "events": ['
        return Response(head + ",".join(rows) + "]}", media_type="application/json")

    @app.get("/api/points", responses=_errors(422))
    def list_points(cur: Cur, f: F) -> list[dict[str, Any]]:
        """Matching events with coordinates as compact map points (id, date, lat, lon, QuadClass,
        mentions, action, place, actors), without their evidence: a tenth of the bytes."""
        return q.points(cur, f)

    @app.get("/api/events/{event_id}", responses=_errors(404, 422))
    def get_event(event_id: str, cur: Cur) -> dict[str, Any]:
        """One event with every mention and its evidence spans, by its id or a former id (an
        event's id is its founding report's; the record returned carries the current one)."""
        rec = q.event_record(cur, event_id)
        if rec is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return rec

    @app.get("/api/actors", responses=_errors(422))
    def actors(cur: Cur, f: F, n: int = Query(20, ge=1, le=200)) -> list[dict[str, Any]]:
        """Actors by number of events (source or target): ``n`` of them, from ``offset`` on."""
        return q.top_actors(cur, f, n)

    @app.get("/api/dyads/{a}/{b}/series", responses=_errors(422))
    def series(
        a: str,
        b: str,
        cur: Cur,
        freq: str = Query("day", pattern="^(day|week|month)$"),
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
    ) -> list[dict[str, Any]]:
        """Events between two countries per day/week/month: count, Goldstein, QuadClass mix."""
        return q.dyad_series(cur, a, b, freq=freq, date_from=date_from, date_to=date_to)

    @app.get("/api/alerts", responses=_errors(422))
    def list_alerts(
        cur: Cur,
        since: dt.date | None = None,
        until: dt.date | None = None,
        key: str | None = Query(
            None, pattern="^[A-Za-z]{3}(-[A-Za-z]{3})?$", description="IRN-PAK or IRQ"
        ),
        limit: int = Query(50, ge=1, le=1000),
    ) -> list[dict[str, Any]]:
        """Escalation alerts, newest first, each with its rules' figures and the events behind
        it (with their evidence sentences). See ``eventwire.monitor`` for the rules."""
        from eventwire.monitor import alert_records, store_alerts

        found = store_alerts(cur, since=since, until=until)
        if key:
            found = [a for a in found if a.key == key.upper()]
        return alert_records(cur, found[::-1][:limit])

    @app.get("/api/stats")
    def stats(cur: Cur) -> dict[str, Any]:
        """Totals, date range, events by PLOVER type and by day, top dyads."""
        total = cur.execute(
            "SELECT count(*), min(event_date), max(event_date) FROM events"
        ).fetchall()[0]
        articles = cur.execute("SELECT count(*) FROM articles").fetchall()[0][0]
        types = cur.execute(
            "SELECT plover_type, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC"
        ).fetchall()
        days = cur.execute(
            "SELECT event_date, count(*), avg(goldstein) FROM events WHERE event_date IS NOT NULL "
            "AND NOT historical GROUP BY 1 ORDER BY 1"
        ).fetchall()
        return {
            "events": total[0], "articles": articles,
            "first_date": total[1].isoformat() if total[1] else None,
            "last_date": total[2].isoformat() if total[2] else None,
            "by_type": [{"type": t, "events": n} for t, n in types],
            "by_day": [{"date": d.isoformat(), "events": n, "goldstein_mean": round(g, 2)}
                       for d, n, g in days],
            "top_dyads": q.top_dyads(cur, q.Filters(), 10),
        }  # fmt: skip

    @app.get("/api/health")
    def health(cur: Cur) -> dict[str, Any]:
        """Liveness and readiness: the database answers; the coder is "ready" once a worker has
        loaded the parser (POSTed articles wait for it while it is "starting"). ``data_version``
        moves whenever articles are stored: clients poll it to know when to fetch again."""
        cur.execute("SELECT 1").fetchall()
        stats = cache.stats()
        return {
            "database": "ok",
            "coder": coder.state,
            "coder_error": coder.error,
            "data_version": stats["generation"],
            "cache": stats,
        }

    def authorized(authorization: str | None = Header(None)) -> None:
        # the scheme is case-insensitive (RFC 9110 section 11.1); the token is compared exactly
        scheme, _, given = (authorization or "").strip().partition(" ")
        if scheme.lower() != "bearer" or not secrets.compare_digest(
            given.strip().encode(), app.state.token.encode()
        ):
            raise HTTPException(
                401,
                "a bearer token is required (Authorization: Bearer TOKEN)",
                headers={"WWW-Authenticate": "Bearer"},
            )

    @app.post(
        "/api/articles",
        dependencies=[Depends(authorized)],
        responses=_errors(400, 401, 413, 422, 503),
        openapi_extra=_ARTICLE_BODY,
    )
    async def post_articles(request: Request) -> JSONResponse:
        """Code and store one article (an object) or a batch (a list of objects)."""
        size = int(request.headers.get("content-length") or 0)
        if size > MAX_BODY:
            raise HTTPException(413, f"body too large: {size} bytes (limit {MAX_BODY})")
        body = await request.body()
        if len(body) > MAX_BODY:
            raise HTTPException(413, f"body too large (limit {MAX_BODY} bytes)")
        try:
            payload = json.loads(body)
        except ValueError as exc:
            raise HTTPException(400, f"body is not valid JSON: {exc}") from exc
        except RecursionError as exc:
            raise HTTPException(400, "body is not an article: JSON nested too deeply") from exc
        items = payload if isinstance(payload, list) else [payload]
        if not items or len(items) > MAX_BATCH:
            raise HTTPException(422, f"send 1 to {MAX_BATCH} articles")
        articles = []
        for n, raw in enumerate(items):
            where = f"articles[{n}]" if isinstance(payload, list) else "article"
            try:
                art = ArticleIn.model_validate(raw)
                text = check_text(art.text, f"{where}.text")
                published = parse_date(art.published, where, "published")
                for name in ("id", "title", "url", "source"):
                    check_unicode(getattr(art, name) or "", where, name)
            except ValidationError as exc:
                err = exc.errors()[0]
                field = ".".join(str(x) for x in err["loc"]) or "body"
                raise HTTPException(422, f"{where}.{field}: {err['msg']}") from exc
            except InputError as exc:
                raise HTTPException(422, str(exc)) from exc
            articles.append(Article(
                id=art.id or article_id(text), text=text, title=art.title, url=art.url,
                published=published, source=art.source, origin=f"POST {where}",
            ))  # fmt: skip

        if coder.state == "starting":  # answer now, not after the parser has loaded
            raise CoderUnavailable(
                "the coder is starting (loading the parser); send the articles again shortly"
            )
        t0 = time.perf_counter()
        coded = await coder.code(articles)  # parsing: in a process of its own
        t1 = time.perf_counter()

        def store_coded() -> Any:
            try:
                return store.add(coded)
            finally:
                cache.invalidate()  # after the commit (or the rollback): answers may change

        # a thread of its own: readers filling the shared pool must not starve the ingest
        result = await asyncio.wrap_future(writer.submit(store_coded))
        t2 = time.perf_counter()
        return JSONResponse(
            {
                "articles": result.articles_new,
                "skipped": result.articles_skipped,
                "events": result.events,
                "merged": result.merged,
            },
            headers={  # where the time went, for clients and load tests (Server-Timing, W3C)
                "Server-Timing": f"code;dur={(t1 - t0) * 1000:.1f}, store;dur={(t2 - t1) * 1000:.1f}"
            },
        )

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_: Request, exc: RequestValidationError) -> JSONResponse:
        # one shape for every error answer: {"detail": "query.limit: ..."} (see Problem)
        parts = []
        for err in exc.errors()[:5]:
            loc = [str(x) for x in err.get("loc", ())]
            msg = err.get("msg", "not valid")
            if err.get("type") == "string_pattern_mismatch" and loc[-1:][0] in _SHAPES:
                msg = f"give {_SHAPES[loc[-1]]}"
            parts.append(f"{'.'.join(loc) or 'request'}: {msg}")
        return JSONResponse({"detail": "; ".join(parts)}, status_code=422)

    @app.exception_handler(CoderUnavailable)
    async def coder_unavailable(_: Request, exc: CoderUnavailable) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=503, headers={"Retry-After": "2"})

    @app.exception_handler(ModelNotFoundError)
    async def model_missing(_: Request, exc: ModelNotFoundError) -> JSONResponse:
        # the server's fault, not the request's: 503 with what to install
        return JSONResponse({"detail": f"the coder cannot run: {exc}"}, status_code=503)

    @app.exception_handler(EventwireError)
    async def eventwire_error(_: Request, exc: EventwireError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    def openapi() -> dict[str, Any]:
        """FastAPI's schema, with the POST body's model (the handler reads the body itself, to
        bound its size before parsing, so FastAPI does not see the model)."""
        if app.openapi_schema is None:
            spec = get_openapi(
                title=app.title, version=app.version, description=app.description,
                routes=app.routes,
            )  # fmt: skip
            schemas = spec.setdefault("components", {}).setdefault("schemas", {})
            schemas["ArticleIn"] = ArticleIn.model_json_schema(
                ref_template="#/components/schemas/{model}"
            )
            app.openapi_schema = spec
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    static = _static_dir()

    @app.get("/docs", include_in_schema=False)
    def docs() -> Any:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="eventwire API",
            swagger_js_url="/swagger/swagger-ui-bundle.js",
            swagger_css_url="/swagger/swagger-ui.css",
        )

    try:
        import swagger_ui_bundle

        app.mount(
            "/swagger", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="swagger"
        )
    except ImportError:  # pragma: no cover - the package is a dependency
        pass
    app.mount("/static", StaticFiles(directory=static), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(static / "index.html")

    return app
