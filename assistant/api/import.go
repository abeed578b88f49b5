package api

import (
	"cmp"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/coach"
)

// Query parameters of POST /v1/imports: what every file of the upload is,
// unless the file says otherwise, and the engine that analyses them.
var importParams = []string{"agent_id", "team_id", "language", "format", "engine", "agent", "agent_speaker", "customer", "customer_speaker"}

// handleImportCreate takes many recorded calls at once, as
// multipart/form-data with one or more files (each may be a zip) or as one
// zip body, and queues them: 202 with the import and where to follow it.
// Bad files fail alone; when none can be imported the answer is 400
// naming each.
func (s *Server) handleImportCreate(c echo.Context) error {
	q := c.QueryParams()
	lang, err := assistant.ParseLanguage(q.Get("language"))
	if err != nil {
		return err
	}
	engine, err := engineParam(c)
	if err != nil {
		return err
	}
	opts := assistant.ImportOptions{
		AgentID: q.Get("agent_id"), TeamID: q.Get("team_id"), Language: lang, Format: q.Get("format"), Engine: engine,
		AgentSpeaker:    cmp.Or(q.Get("agent"), q.Get("agent_speaker")),
		CustomerSpeaker: cmp.Or(q.Get("customer"), q.Get("customer_speaker")),
	}
	files, err := s.importFiles(c)
	if err != nil {
		return err
	}
	imp, err := s.coach.CreateImport(c.Request().Context(), principalOf(c), opts, files)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/v1/imports/"+strconv.FormatInt(imp.ID, 10))
	return c.JSON(http.StatusAccepted, imp)
}

// handleImportView answers how far an import has come.
func (s *Server) handleImportView(c echo.Context) error {
	id, err := idParam(c, "id", "import")
	if err != nil {
		return err
	}
	imp, err := s.coach.Import(c.Request().Context(), principalOf(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, imp)
}

// importFiles reads the files of an upload under the import limit; a file
// over the per-file limit comes back with its reason instead of its bytes,
// so that it fails alone.
func (s *Server) importFiles(c echo.Context) ([]assistant.UploadedFile, error) {
	req := c.Request()
	limit := s.cfg.BodyLimit
	body := http.MaxBytesReader(c.Response(), req.Body, s.cfg.ImportLimit)
	mt, params, err := mime.ParseMediaType(req.Header.Get(echo.HeaderContentType))
	if err != nil {
		return nil, assistant.Errorf(assistant.EUnsupported, "Send the files as multipart/form-data (curl -F file=@call.txt), or one zip as application/zip.")
	}
	switch mt {
	case "application/zip", "application/x-zip-compressed":
		data, err := io.ReadAll(body)
		if err != nil {
			return nil, bodyError(err)
		}
		return coach.UnpackZip("the body", data, limit)
	case "multipart/form-data":
	default:
		return nil, assistant.Errorf(assistant.EUnsupported, "Content-Type %q is not accepted here; send the files as multipart/form-data (curl -F file=@call.txt), or one zip as application/zip.", mt)
	}
	if params["boundary"] == "" {
		return nil, assistant.Errorf(assistant.EInvalid, "The multipart body has no boundary; let the client write the Content-Type.")
	}
	mr := multipart.NewReader(body, params["boundary"])
	var files []assistant.UploadedFile
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, bodyError(err)
		}
		name := part.FileName()
		if name == "" {
			part.Close()
			return nil, assistant.Errorf(assistant.EInvalid, "The form field %q is not a file; send files only (curl -F file=@call.txt) and the options as query parameters (%s).", part.FormName(), strings.Join(importParams, ", "))
		}
		data, err := io.ReadAll(io.LimitReader(part, limit+1))
		part.Close()
		if err != nil {
			return nil, bodyError(err)
		}
		switch {
		case int64(len(data)) > limit:
			files = append(files, assistant.UploadedFile{Name: name, Reason: &assistant.ImportReason{Code: assistant.ReasonTooLarge, Limit: limit}})
		case strings.EqualFold(path.Ext(name), ".zip"):
			inner, err := coach.UnpackZip(name, data, limit)
			if err != nil {
				return nil, err
			}
			for i := range inner {
				inner[i].Name = name + "/" + inner[i].Name
			}
			files = append(files, inner...)
		default:
			files = append(files, assistant.UploadedFile{Name: name, Data: data})
		}
		if len(files) > coach.MaxImportFiles {
			return nil, assistant.Errorf(assistant.EInvalid, "The import holds more than %d files; split it.", coach.MaxImportFiles)
		}
	}
	return files, nil
}

// bodyError tells a body over the import limit from one cut off.
func bodyError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return err
	}
	return &assistant.Error{Code: assistant.EInvalid, Message: "The upload could not be read completely; send it again.", Err: err}
}
