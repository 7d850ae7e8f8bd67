{
  "targets": [
    {
      "target_name": "pnyx_sodium",
      "sources": ["pnyx_sodium.c", "msm.c", "ed25519.c"],
      "libraries": ["-Wl,--exclude-libs,ALL", "-l:libsodium.a"],
      "cflags": ["-O2", "-Wall", "-Wextra", "-std=c11"]
    }
  ]
}
