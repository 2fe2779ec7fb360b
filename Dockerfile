# Comitatus in a container: the image runs `comitatus` on files mounted at /data.
#
#   docker build -t comitatus .
#   docker run --rm -v "$PWD/scenarios:/data:ro" comitatus check /data/jtf-north-2025.yaml
#
# Two stages: the build stage has gcc and the Python headers and compiles durable-rules 2.0.28
# (tools/build_durable.py: the PyEval_CallObject define and -O2) and the Comitatus wheel;
# the runtime stage installs those wheels alone, with no compiler, from no index but them.
ARG PYTHON=3.13

FROM python:${PYTHON}-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends gcc libc6-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN python tools/build_durable.py /wheels \
 && pip wheel --no-cache-dir --find-links /wheels --only-binary durable-rules -w /wheels .

FROM python:${PYTHON}-slim
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir --no-index --find-links /wheels comitatus \
 && rm -rf /wheels \
 && useradd --create-home --uid 10001 comitatus
USER comitatus
WORKDIR /data
ENTRYPOINT ["comitatus"]
CMD ["--help"]
