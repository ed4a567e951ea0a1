package server

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"

	"bilat"
)

// An agreement's documents: uploaded from its page, kept in the database
// with their checksum, downloaded as attachments after the checksum is
// verified again, deleted with an audit entry.

// agreementsUploadLimit is the largest file the page takes: the
// registry's limit (the upload route's body limit is raised to match, see
// largeBodies in pages.go).
const agreementsUploadLimit = bilat.MaxDocumentSize

// agreementsUpload attaches a file to an agreement. A refused file (too
// large, empty, of a type the registry does not take) is explained beside
// the file field and nothing is stored.
func (s *Server) agreementsUpload(w http.ResponseWriter, r *http.Request, v *view) error {
	x, err := byID(s.desk.Agreement)(r)
	if err != nil {
		return err
	}
	doc, problem := agreementsReadUpload(r, v)
	if problem == "" {
		doc.AgreementID = x.ID
		err = s.desk.AddDocument(r.Context(), actor(r), doc)
	}
	if problem == "" && err == nil {
		redirect(w, r, "/agreements/"+strconv.FormatInt(x.ID, 10)+"#documents")
		return nil
	}
	d, lerr := s.agreementsLoad(r.Context(), v, x)
	if lerr != nil {
		return lerr
	}
	if problem != "" {
		d.Upload.Problems["file"] = problem
	} else if !d.Upload.Fail(v.L, err, "file", "name") {
		return err
	}
	return s.agreementsShow(w, v, http.StatusBadRequest, d)
}

// agreementsReadUpload reads the uploaded file, or says, in the reader's
// language, why it cannot be taken. The type is read from the content:
// neither the file's name nor the type the browser claims is trusted.
func agreementsReadUpload(r *http.Request, v *view) (*bilat.Document, string) {
	tooLarge := v.L.T("agreements.doc.too_large", "MB", agreementsUploadLimit>>20)
	if err := r.ParseMultipartForm(agreementsUploadLimit); err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return nil, tooLarge
		}
		return nil, v.L.T("agreements.doc.missing")
	}
	file, header, err := r.FormFile("file")
	if err != nil {
		return nil, v.L.T("agreements.doc.missing")
	}
	defer file.Close()
	content, err := io.ReadAll(io.LimitReader(file, agreementsUploadLimit+1))
	switch {
	case err != nil:
		return nil, v.L.T("agreements.doc.missing")
	case len(content) == 0:
		return nil, v.L.T("agreements.doc.empty")
	case len(content) > agreementsUploadLimit:
		return nil, tooLarge
	case bilat.DocumentType(content) == "":
		return nil, v.L.T("agreements.doc.bad_type")
	}
	return &bilat.Document{Name: header.Filename, Content: content}, ""
}

// agreementsDownload sends a document as an attachment of its recorded
// type, after checking that its bytes still give the recorded checksum:
// a document altered in the database is refused, not served.
func (s *Server) agreementsDownload(w http.ResponseWriter, r *http.Request, v *view) error {
	d, err := byID(s.desk.Document)(r)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(d.Content)
	if hex.EncodeToString(sum[:]) != d.SHA256 || int64(len(d.Content)) != d.Size {
		return bilat.Errorf(bilat.EINTERNAL, "document %d no longer matches its checksum", d.ID)
	}
	h := w.Header()
	h.Set("Content-Type", d.ContentType)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": d.Name}))
	h.Set("Content-Length", strconv.Itoa(len(d.Content)))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "private, no-store")
	// RFC 9530: the checksum travels with the file for the receiver to check.
	h.Set("Repr-Digest", "sha-256=:"+base64.StdEncoding.EncodeToString(sum[:])+":")
	_, err = w.Write(d.Content)
	return err
}

// agreementsDeleteDocument removes a document and goes back to its
// agreement.
func (s *Server) agreementsDeleteDocument(w http.ResponseWriter, r *http.Request, v *view) error {
	d, err := byID(s.desk.Document)(r)
	if err != nil {
		return err
	}
	if err := s.desk.DeleteDocument(r.Context(), actor(r), d.ID); err != nil {
		return err
	}
	redirect(w, r, "/agreements/"+strconv.FormatInt(d.AgreementID, 10)+"#documents")
	return nil
}
