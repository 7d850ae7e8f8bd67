{
  "targets": [
    {
      "target_name": "pnyx_sodium",
      "sources": ["pnyx_sodium.c"],
      "libraries": ["-lsodium"],
      "cflags": ["-O2", "-Wall", "-Wextra", "-std=c11"]
    }
  ]
}
