package export

import _ "github.com/amigosync/amigosync/internal/golden"
