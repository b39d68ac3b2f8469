# ml/serving on Debian's Python packages, as on the development machines.
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends python3-fastapi python3-uvicorn \
      python3-numpy python3-scipy python3-sklearn python3-httpx python3-yaml && rm -rf /var/lib/apt/lists/*
WORKDIR /ml
COPY serving ./serving
EXPOSE 8000
CMD ["python3", "-m", "uvicorn", "serving.app:app", "--host", "0.0.0.0", "--port", "8000"]
