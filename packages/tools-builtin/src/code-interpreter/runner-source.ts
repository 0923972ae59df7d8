/**
 * The Python program that runs first inside the sandbox (`python3 -c RUNNER_SOURCE <limits-json>`).
 * It reads the model's code from stdin, lowers its own resource limits, seeds the random generators
 * as the seed did, routes matplotlib's `show()` to PNG figures, runs the code as `__main__`, and
 * writes figures as JSON lines to fd 3 (the parent reads them; nothing is written to disk).
 * Kept as a string so the package ships as plain JavaScript.
 */
export const RUNNER_SOURCE = String.raw`
import sys, os, json

def _sandbox_runner():
    import resource
    limits = json.loads(sys.argv[1])
    try:
        channel = os.fdopen(3, "w", encoding="ascii")
    except OSError:
        channel = None

    def send(record):
        if channel is None:
            return
        try:
            channel.write(json.dumps(record) + "\n")
            channel.flush()
        except Exception:
            pass

    send({"kind": "started", "python": sys.version.split()[0]})
    code = sys.stdin.buffer.read().decode("utf-8", "replace")
    devnull = os.open("/dev/null", os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)

    def cap(which, soft, hard=None):
        resource.setrlimit(which, (soft, soft if hard is None else hard))

    cap(resource.RLIMIT_CORE, 0)
    cap(resource.RLIMIT_CPU, limits["cpu_seconds"], limits["cpu_seconds"] + 1)
    cap(resource.RLIMIT_AS, limits["memory_bytes"])
    cap(resource.RLIMIT_NPROC, limits["max_processes"])
    cap(resource.RLIMIT_FSIZE, limits["max_file_bytes"])
    cap(resource.RLIMIT_NOFILE, limits["max_open_files"])

    import random
    random.seed(0)
    if limits.get("seed_numpy", True):
        try:
            import numpy
            numpy.random.seed(0)
        except Exception:
            pass

    def emit_figures(close):
        if "matplotlib.pyplot" not in sys.modules:
            return
        import io, base64
        import matplotlib.pyplot as plt
        from matplotlib import _pylab_helpers
        for manager in _pylab_helpers.Gcf.get_all_fig_managers():
            buffer = io.BytesIO()
            try:
                manager.canvas.figure.savefig(buffer, format="png")
            except Exception as error:
                print("Could not render a figure: %r" % (error,), file=sys.stderr)
                continue
            send({"kind": "figure", "png_base64": base64.b64encode(buffer.getvalue()).decode("ascii")})
        if close:
            plt.close("all")

    class BackendFinder:
        name = "_sandbox_mpl_backend"

        @classmethod
        def find_spec(cls, fullname, path=None, target=None):
            if fullname != cls.name:
                return None
            import importlib.util
            return importlib.util.spec_from_loader(fullname, cls)

        @staticmethod
        def create_module(spec):
            return None

        @staticmethod
        def exec_module(module):
            from matplotlib.backends.backend_agg import FigureCanvasAgg
            from matplotlib.backend_bases import FigureManagerBase
            module.FigureCanvas = FigureCanvasAgg
            module.FigureManager = FigureManagerBase
            module.show = lambda *args, **kwargs: emit_figures(close=True)

    sys.meta_path.insert(0, BackendFinder)

    import linecache, traceback, types
    filename = "<code>"
    linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
    main = types.ModuleType("__main__")
    main.__dict__["__builtins__"] = __builtins__
    sys.modules["__main__"] = main
    exit_code = 0
    try:
        compiled = compile(code, filename, "exec")
        exec(compiled, main.__dict__)
    except SystemExit as stop:
        if stop.code is None:
            exit_code = 0
        elif isinstance(stop.code, int):
            exit_code = stop.code
        else:
            print(stop.code, file=sys.stderr)
            exit_code = 1
    except BaseException as error:
        tb = error.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename != filename:
            tb = tb.tb_next
        sys.stdout.flush()
        traceback.print_exception(type(error), error, tb, file=sys.stderr)
        exit_code = 1
    try:
        emit_figures(close=True)
    except BaseException as error:
        print("Could not collect figures: %r" % (error,), file=sys.stderr)
    sys.stdout.flush()
    sys.stderr.flush()
    return exit_code

sys.exit(_sandbox_runner())
`;
